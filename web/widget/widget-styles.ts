/**
 * The widget's style sheet, applied inside its shadow root. The host page's rules cannot reach in; what
 * reaches the host element itself (a `* { … !important }`) is undone by `:host`'s `!important`, which
 * wins over the page's in the cascade. Every size is in px: the page's root font size is not ours.
 */
export const WIDGET_CSS = `
:host {
  all: initial !important;
  display: block !important;
  position: fixed !important;
  inset: auto !important;
  width: 0 !important;
  height: 0 !important;
  margin: 0 !important;
  padding: 0 !important;
  border: 0 !important;
  transform: none !important;
  filter: none !important;
  opacity: 1 !important;
  visibility: visible !important;
  clip-path: none !important;
  contain: none !important;
  pointer-events: none !important;
  z-index: 2147483647 !important;
}
.root {
  --ld-accent: #e5484d;
  --ld-on-accent: #ffffff;
  all: initial;
  display: block;
  font: 14px/1.45 -apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans", Roboto, Arial, sans-serif;
  color: #1c1c1f;
  -webkit-text-size-adjust: 100%;
}
.root *, .root *::before, .root *::after { box-sizing: border-box; }
.launcher {
  all: initial;
  position: fixed;
  bottom: 20px;
  right: 20px;
  width: 56px;
  height: 56px;
  border-radius: 50%;
  background: var(--ld-accent);
  color: var(--ld-on-accent);
  display: flex;
  align-items: center;
  justify-content: center;
  cursor: pointer;
  pointer-events: auto;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25);
  transition: transform 0.15s ease;
}
.launcher:hover { transform: scale(1.06); }
.launcher:focus-visible { outline: 3px solid #1c1c1f; outline-offset: 2px; }
.launcher svg { width: 28px; height: 28px; fill: currentColor; display: block; }
.root[data-position="left"] .launcher { right: auto; left: 20px; }
.root[data-open="true"] .launcher { display: none; }
.badge {
  position: absolute;
  top: -4px;
  inset-inline-end: -4px;
  min-width: 22px;
  height: 22px;
  padding: 0 6px;
  border-radius: 11px;
  background: #1c1c1f;
  color: #fff;
  font: 700 12px/22px Arial, sans-serif;
  text-align: center;
  border: 2px solid #fff;
}
.badge[hidden] { display: none; }
.panel {
  position: fixed;
  bottom: 20px;
  right: 20px;
  width: 370px;
  height: min(600px, calc(100vh - 40px));
  display: flex;
  flex-direction: column;
  background: #ffffff;
  border-radius: 14px;
  overflow: hidden;
  pointer-events: auto;
  box-shadow: 0 12px 40px rgba(0, 0, 0, 0.3);
}
.panel[hidden] { display: none; }
.root[data-position="left"] .panel { right: auto; left: 20px; }
header {
  display: flex;
  align-items: center;
  gap: 10px;
  padding: 12px 14px;
  background: var(--ld-accent);
  color: var(--ld-on-accent);
}
.heading { flex: 1; min-width: 0; display: flex; flex-direction: column; }
.title { font-size: 16px; font-weight: 700; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.status { font-size: 12px; opacity: 0.9; }
.status::before {
  content: "";
  display: inline-block;
  width: 8px;
  height: 8px;
  margin-inline-end: 6px;
  border-radius: 50%;
  background: #f5c518;
}
.status[data-state="open"]::before { background: #3ddc84; }
button {
  font: inherit;
  color: inherit;
  cursor: pointer;
}
.close {
  all: initial;
  width: 32px;
  height: 32px;
  border-radius: 50%;
  color: var(--ld-on-accent);
  font: 22px/32px Arial, sans-serif;
  text-align: center;
  cursor: pointer;
}
.close:hover, .close:focus-visible { background: rgba(255, 255, 255, 0.2); }
.queue {
  padding: 8px 14px;
  background: #fff6d6;
  color: #5c4500;
  font-size: 13px;
  border-bottom: 1px solid #f0e0a0;
}
.queue[hidden] { display: none; }
.messages {
  flex: 1;
  margin: 0;
  padding: 12px 12px 4px;
  list-style: none;
  overflow-y: auto;
  background: #f6f6f8;
  display: flex;
  flex-direction: column;
  gap: 8px;
  overscroll-behavior: contain;
}
.message { display: flex; flex-direction: column; max-width: 85%; }
.message .author { font-size: 11px; color: #6b6b73; margin: 0 4px 2px; }
.message .text {
  padding: 8px 12px;
  border-radius: 14px;
  background: #ffffff;
  color: #1c1c1f;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  box-shadow: 0 1px 2px rgba(0, 0, 0, 0.06);
}
.message.viewer { align-self: flex-end; align-items: flex-end; }
.message .original { font-size: 11px; color: #6b6b73; margin: 2px 4px 0; }
.message .original summary { cursor: pointer; }
.message .original .original-text { white-space: pre-wrap; overflow-wrap: anywhere; }
.message.viewer .text { background: var(--ld-accent); color: var(--ld-on-accent); }
.message.viewer.pending .text { opacity: 0.6; }
.message.viewer.failed .text { background: #9a9aa2; }
.message.system { align-self: center; max-width: 95%; }
.message.system .text { background: transparent; box-shadow: none; color: #6b6b73; font-size: 12px; text-align: center; }
.message .note { font-size: 11px; color: #b42318; margin: 2px 4px 0; }
.topics { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 6px; }
.topic {
  all: initial;
  font-family: inherit;
  font-size: 13px;
  line-height: 1.3;
  padding: 6px 10px;
  border-radius: 14px;
  border: 1px solid var(--ld-accent);
  color: var(--ld-accent);
  background: #fff;
  cursor: pointer;
}
.typing { padding: 0 16px 6px; font-size: 12px; color: #6b6b73; background: #f6f6f8; }
.typing[hidden] { display: none; }
.actions { padding: 6px 12px 0; background: #fff; border-top: 1px solid #ececf0; }
.actions[hidden] { display: none; }
.person {
  all: initial;
  font-family: inherit;
  font-size: 13px;
  padding: 6px 12px;
  border-radius: 14px;
  border: 1px solid #c9c9d1;
  color: #1c1c1f;
  background: #fff;
  cursor: pointer;
}
.person:hover, .person:focus-visible { border-color: var(--ld-accent); color: var(--ld-accent); }
.composer {
  display: flex;
  gap: 8px;
  padding: 10px 12px 12px;
  background: #fff;
  margin: 0;
}
.input {
  all: initial;
  flex: 1;
  min-width: 0;
  font-family: inherit;
  font-size: 16px;
  line-height: 20px;
  color: #1c1c1f;
  padding: 9px 12px;
  border-radius: 20px;
  border: 1px solid #c9c9d1;
  background: #fff;
}
.input:focus { border-color: var(--ld-accent); }
.send {
  all: initial;
  font-family: inherit;
  font-size: 14px;
  font-weight: 600;
  padding: 0 16px;
  border-radius: 20px;
  background: var(--ld-accent);
  color: var(--ld-on-accent);
  cursor: pointer;
  display: flex;
  align-items: center;
}
.send:disabled { opacity: 0.5; cursor: default; }
.status-line {
  align-self: stretch;
  display: flex;
  align-items: center;
  gap: 8px;
  color: #6b6b73;
  font-size: 12px;
  text-align: center;
}
.status-line::before, .status-line::after { content: ""; flex: 1; height: 1px; background: #dcdce2; }
.status-line .text { max-width: 80%; overflow-wrap: anywhere; }
.rating {
  margin: 0;
  padding: 10px 14px 12px;
  background: #fff;
  border-top: 1px solid #ececf0;
  display: flex;
  flex-direction: column;
  gap: 8px;
}
.rating[hidden] { display: none; }
.rating-title { margin: 0; font-weight: 600; }
.stars { display: flex; gap: 4px; }
.star {
  all: initial;
  width: 44px;
  height: 44px;
  border-radius: 8px;
  font: 30px/44px Arial, sans-serif;
  text-align: center;
  color: #c9c9d1;
  cursor: pointer;
}
.star.on { color: #f5a623; }
.star:focus-visible { outline: 2px solid var(--ld-accent); outline-offset: 1px; }
.star:disabled { cursor: default; }
.rating-comment {
  all: initial;
  font-family: inherit;
  font-size: 16px;
  line-height: 20px;
  color: #1c1c1f;
  padding: 8px 12px;
  border-radius: 12px;
  border: 1px solid #c9c9d1;
  background: #fff;
  resize: none;
  white-space: pre-wrap;
}
.rating-comment:focus { border-color: var(--ld-accent); }
.rating-note { margin: 0; font-size: 12px; color: #b42318; }
.rating-note:empty { display: none; }
.rating-submit {
  all: initial;
  align-self: flex-end;
  font-family: inherit;
  font-size: 14px;
  font-weight: 600;
  padding: 9px 16px;
  border-radius: 20px;
  background: var(--ld-accent);
  color: var(--ld-on-accent);
  cursor: pointer;
}
.rating-submit:disabled { opacity: 0.5; cursor: default; }
@media (max-width: 480px) {
  .panel {
    inset: 0;
    width: 100%;
    height: 100%;
    border-radius: 0;
  }
  .root[data-position="left"] .panel { left: 0; }
  .launcher { bottom: 16px; right: 16px; }
  .root[data-position="left"] .launcher { left: 16px; }
}
@media (prefers-reduced-motion: reduce) { .launcher { transition: none; } }
`;
