/** One page of the web app: its URL, its HTML shell and the bundles it loads. */
export interface WebPage {
  /** The asset base name: `viewer` serves `/assets/viewer.js` and `/assets/viewer.css`. */
  name: string;
  path: string;
  title: string;
  /** Relative to server/web/. */
  html: string;
  /** Browser entry point, relative to server/web/; absent for a page without script. */
  script?: string;
  style: string;
}

/** The pages `npm start` serves; a new page is one more line here plus its files. */
export const WEB_PAGES: readonly WebPage[] = [
  {
    name: 'index',
    path: '/',
    title: 'Livedesk',
    html: 'pages/index.html',
    script: 'client/index/index-page.ts',
    style: 'styles/index.css',
  },
  {
    name: 'viewer',
    path: '/viewer',
    title: 'Livedesk viewer demo',
    html: 'pages/viewer.html',
    script: 'client/viewer/viewer-page.ts',
    style: 'styles/viewer.css',
  },
  {
    name: 'console',
    path: '/console',
    title: 'Livedesk agent console',
    html: 'pages/console.html',
    script: 'client/console/console-page.ts',
    style: 'styles/console.css',
  },
  {
    name: 'admin',
    path: '/admin',
    title: 'Livedesk knowledge admin',
    html: 'pages/admin.html',
    script: 'client/admin/admin-page.ts',
    style: 'styles/admin.css',
  },
  {
    name: 'dashboard',
    path: '/dashboard',
    title: 'Livedesk analytics',
    html: 'pages/dashboard.html',
    script: 'client/dashboard/dashboard-page.ts',
    style: 'styles/dashboard.css',
  },
  {
    // A stand-in for a platform's page that embeds the widget with one script tag (web/embed-demo/).
    name: 'embed-demo',
    path: '/embed-demo',
    title: 'Livedesk widget on a sample live shop page',
    html: '../../web/embed-demo/embed-demo.html',
    script: '../../web/embed-demo/embed-demo.ts',
    style: '../../web/embed-demo/embed-demo.css',
  },
];
