import type { ComponentType } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import type { SessionInfo } from '../core/auth.js';
import { AppShell } from './components/AppShell.js';
import { RequireAbility } from './components/RequireAbility.js';
import { RequireSession } from './components/RequireSession.js';
import { HomePage } from './pages/HomePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';

type Ability = keyof SessionInfo['abilities'];

/**
 * A page whose code loads on first visit, so signing in does not wait for every page. The router
 * keeps the current page on screen while the next one loads, and the shell shows the progress.
 * `ability` hides a page the user's roles do not open; the server still decides.
 */
function page<K extends string>(
  load: () => Promise<Record<K, ComponentType>>,
  name: K,
  ability?: Ability,
): Pick<RouteObject, 'lazy'> {
  return {
    lazy: async () => {
      const Page: ComponentType = (await load())[name];
      return {
        element: ability ? (
          <RequireAbility ability={ability}>
            <Page />
          </RequireAbility>
        ) : (
          <Page />
        ),
      };
    },
  };
}

const routes: RouteObject[] = [
  { path: '/login', element: <LoginPage /> },
  {
    element: (
      <RequireSession>
        <AppShell />
      </RequireSession>
    ),
    children: [
      { index: true, element: <HomePage /> },
      {
        path: 'directory',
        ...page(() => import('./pages/DirectoryPage.js'), 'DirectoryPage', 'directory'),
      },
      // Own profile needs no directory ability: the server decides who may see whom.
      { path: 'employees/:id', ...page(() => import('./pages/EmployeePage.js'), 'EmployeePage') },
      {
        path: 'employees/:id/file',
        ...page(() => import('./pages/PerformanceFilePage.js'), 'PerformanceFilePage'),
      },
      { path: 'import', ...page(() => import('./pages/ImportPage.js'), 'ImportPage', 'importOrg') },
      { path: 'users', ...page(() => import('./pages/UsersPage.js'), 'UsersPage', 'manageUsers') },
      { path: 'audit', ...page(() => import('./pages/AuditPage.js'), 'AuditPage', 'readAudit') },
      {
        path: 'backups',
        ...page(() => import('./pages/BackupsPage.js'), 'BackupsPage', 'manageBackups'),
      },
      {
        path: 'system',
        ...page(() => import('./pages/SystemPage.js'), 'SystemPage', 'readSystem'),
      },
      // Records: the server lists and opens only what this user may see (404 otherwise).
      { path: 'records', ...page(() => import('./pages/RecordsPage.js'), 'RecordsPage') },
      { path: 'records/:id', ...page(() => import('./pages/RecordPage.js'), 'RecordPage') },
      {
        path: 'templates',
        ...page(() => import('./pages/TemplatesPage.js'), 'TemplatesPage', 'readTemplates'),
      },
      {
        path: 'templates/new',
        ...page(
          () => import('./pages/TemplateBuilderPage.js'),
          'TemplateBuilderPage',
          'manageTemplates',
        ),
      },
      {
        path: 'templates/:id',
        ...page(() => import('./pages/TemplatePage.js'), 'TemplatePage', 'readTemplates'),
      },
      {
        path: 'templates/:id/edit',
        ...page(
          () => import('./pages/TemplateBuilderPage.js'),
          'TemplateBuilderPage',
          'manageTemplates',
        ),
      },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
];

/** A data router: it is what lets a page with unsaved input hold navigation (`useBlocker`). */
export const router = createBrowserRouter(routes);
