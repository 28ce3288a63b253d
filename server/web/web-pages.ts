/** One page of the web app: its URL, its HTML shell and the bundles it loads. */
export interface WebPage {
  /** The asset base name: `viewer` serves `/assets/viewer.js` and `/assets/viewer.css`. */
  name: string;
  path: string;
  title: string;
  /** Relative to the top-level web/ folder. */
  html: string;
  /** Browser entry point, relative to web/; absent for a page without script. */
  script?: string;
  style: string;
}

/** The pages `npm start` serves; a new page is one more line here plus its files. */
export const WEB_PAGES: readonly WebPage[] = [
  {
    name: 'index',
    path: '/',
    title: 'Livedesk',
    html: 'index/index.html',
    script: 'index/index-page.ts',
    style: 'index/index.css',
  },
  {
    name: 'viewer',
    path: '/viewer',
    title: 'Livedesk viewer demo',
    html: 'viewer/viewer.html',
    script: 'viewer/viewer-page.ts',
    style: 'viewer/viewer.css',
  },
  {
    name: 'console',
    path: '/console',
    title: 'Livedesk agent console',
    html: 'console/console.html',
    script: 'console/console-page.ts',
    style: 'console/console.css',
  },
  {
    name: 'admin',
    path: '/admin',
    title: 'Livedesk knowledge admin',
    html: 'admin/admin.html',
    script: 'admin/admin-page.ts',
    style: 'admin/admin.css',
  },
  {
    name: 'dashboard',
    path: '/dashboard',
    title: 'Livedesk analytics',
    html: 'dashboard/dashboard.html',
    script: 'dashboard/dashboard-page.ts',
    style: 'dashboard/dashboard.css',
  },
  {
    // Field control (issue 16): live rooms' danmaku and room alerts, for moderators.
    name: 'rooms',
    path: '/rooms',
    title: 'Livedesk room watch',
    html: 'rooms/rooms.html',
    script: 'rooms/rooms-page.ts',
    style: 'rooms/rooms.css',
  },
  {
    // A stand-in for a platform's page that embeds the widget with one script tag.
    name: 'embed-demo',
    path: '/embed-demo',
    title: 'Livedesk widget on a sample live shop page',
    html: 'embed-demo/embed-demo.html',
    script: 'embed-demo/embed-demo.ts',
    style: 'embed-demo/embed-demo.css',
  },
];
