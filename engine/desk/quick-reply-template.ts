/**
 * The variables a quick reply may use, filled in by the console from the conversation at hand. Values
 * are plain text: whoever shows the result escapes it.
 */
export const QUICK_REPLY_VARIABLES = {
  viewerName: "the viewer's display name",
  agentName: "the replying agent's name",
  roomId: 'the live room',
  streamerName: "the streamer's name",
  waitMinutes: 'the estimated wait, in minutes',
  ticketId: 'the ticket made for the conversation',
  conversationId: 'the conversation',
} as const;
export type QuickReplyVariable = keyof typeof QUICK_REPLY_VARIABLES;

/** `{name}` where name is a variable name; any other brace is literal text. */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]{0,31})\}/g;

function isKnownVariable(name: string): name is QuickReplyVariable {
  return Object.hasOwn(QUICK_REPLY_VARIABLES, name);
}

/** The variables a template names, in order of first use. */
export function templateVariables(template: string): string[] {
  return [...new Set([...template.matchAll(PLACEHOLDER)].map((match) => match[1]!))];
}

/** Names in the template that are not quick-reply variables (a typo such as `{viewername}`). */
export function unknownTemplateVariables(template: string): string[] {
  return templateVariables(template).filter((name) => !isKnownVariable(name));
}

export interface RenderedTemplate {
  text: string;
  /** Variables the template uses but no value was given for; they stay in `text` as `{name}`. */
  missing: string[];
}

/**
 * Fills a template's variables. A variable without a value is reported and left visible as `{name}`,
 * never silently blanked, so the agent sees what to fill in before sending.
 */
export function renderTemplate(
  template: string,
  values: Readonly<Partial<Record<string, string | number>>>,
): RenderedTemplate {
  const missing = new Set<string>();
  const text = template.replace(PLACEHOLDER, (placeholder, name: string) => {
    const value = Object.hasOwn(values, name) ? values[name] : undefined;
    if (value === undefined || String(value).trim() === '') {
      missing.add(name);
      return placeholder;
    }
    return String(value);
  });
  return { text, missing: [...missing] };
}
