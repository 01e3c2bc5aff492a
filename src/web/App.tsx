import { lazy, type ComponentType } from 'react';
import { Route, Routes } from 'react-router';
import { AppShell } from './components/AppShell.js';
import { RequireAbility } from './components/RequireAbility.js';
import { RequireSession } from './components/RequireSession.js';
import { HomePage } from './pages/HomePage.js';
import { LoginPage } from './pages/LoginPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';

/** Loads a page's code when first visited, so signing in does not wait for every page. */
function page<K extends string>(load: () => Promise<Record<K, ComponentType>>, name: K) {
  return lazy(async () => ({ default: (await load())[name] }));
}

const DirectoryPage = page(() => import('./pages/DirectoryPage.js'), 'DirectoryPage');
const EmployeePage = page(() => import('./pages/EmployeePage.js'), 'EmployeePage');
const ImportPage = page(() => import('./pages/ImportPage.js'), 'ImportPage');
const UsersPage = page(() => import('./pages/UsersPage.js'), 'UsersPage');
const AuditPage = page(() => import('./pages/AuditPage.js'), 'AuditPage');
const RecordsPage = page(() => import('./pages/RecordsPage.js'), 'RecordsPage');
const RecordPage = page(() => import('./pages/RecordPage.js'), 'RecordPage');
const TemplatesPage = page(() => import('./pages/TemplatesPage.js'), 'TemplatesPage');
const TemplatePage = page(() => import('./pages/TemplatePage.js'), 'TemplatePage');
const TemplateBuilderPage = page(
  () => import('./pages/TemplateBuilderPage.js'),
  'TemplateBuilderPage',
);

export function App() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireSession>
            <AppShell />
          </RequireSession>
        }
      >
        <Route index element={<HomePage />} />
        <Route
          path="directory"
          element={
            <RequireAbility ability="directory">
              <DirectoryPage />
            </RequireAbility>
          }
        />
        {/* Own profile needs no directory ability: the server decides who may see whom. */}
        <Route path="employees/:id" element={<EmployeePage />} />
        <Route
          path="import"
          element={
            <RequireAbility ability="importOrg">
              <ImportPage />
            </RequireAbility>
          }
        />
        <Route
          path="users"
          element={
            <RequireAbility ability="manageUsers">
              <UsersPage />
            </RequireAbility>
          }
        />
        <Route
          path="audit"
          element={
            <RequireAbility ability="readAudit">
              <AuditPage />
            </RequireAbility>
          }
        />
        {/* Records: the server lists and opens only what this user may see (404 otherwise). */}
        <Route path="records" element={<RecordsPage />} />
        <Route path="records/:id" element={<RecordPage />} />
        <Route
          path="templates"
          element={
            <RequireAbility ability="readTemplates">
              <TemplatesPage />
            </RequireAbility>
          }
        />
        <Route
          path="templates/new"
          element={
            <RequireAbility ability="manageTemplates">
              <TemplateBuilderPage />
            </RequireAbility>
          }
        />
        <Route
          path="templates/:id"
          element={
            <RequireAbility ability="readTemplates">
              <TemplatePage />
            </RequireAbility>
          }
        />
        <Route
          path="templates/:id/edit"
          element={
            <RequireAbility ability="manageTemplates">
              <TemplateBuilderPage />
            </RequireAbility>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
