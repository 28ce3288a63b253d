import type { Hono } from 'hono';
import { z } from 'zod';
import type { Auth } from '../auth/auth.js';
import { NewStaffUserSchema, StaffUserPatchSchema, type StaffAccounts } from '../auth/staff-accounts.js';
import { StaffUserSchema } from '../auth/staff-user-store.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { noteForAudit } from './audit-trail.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

const UserResponseSchema = z.object({ user: StaffUserSchema });

/** Staff account administration, for admins. */
export function registerUserRoutes(
  app: Hono,
  options: { auth: Auth; accounts: StaffAccounts },
  registry: ApiRegistry,
): void {
  const { accounts } = options;
  const admin = requireStaff(options.auth, ['admin']);

  app.get('/api/users', admin, (context) => context.json({ users: accounts.list() }));
  registry.add({
    method: 'get',
    path: '/api/users',
    summary: 'Every staff account',
    tag: 'users',
    auth: ['admin'],
    responses: {
      200: { description: 'The accounts', schema: z.object({ users: z.array(StaffUserSchema) }) },
    },
  });

  app.post('/api/users', admin, async (context) => {
    const body = await readJsonBody(context, NewStaffUserSchema);
    if (!body.ok) return body.response;
    const user = await accounts.create(body.value, { signal: context.req.raw.signal });
    noteForAudit(context, { userId: user.id, username: user.username, role: user.role });
    return context.json({ user }, 201);
  });
  registry.add({
    method: 'post',
    path: '/api/users',
    summary: 'Create a staff account',
    tag: 'users',
    auth: ['admin'],
    body: NewStaffUserSchema,
    responses: {
      201: { description: 'Created', schema: UserResponseSchema },
      409: { description: 'The username is taken' },
    },
  });

  app.patch('/api/users/:id', admin, async (context) => {
    const body = await readJsonBody(context, StaffUserPatchSchema);
    if (!body.ok) return body.response;
    const before = accounts.get(context.req.param('id'));
    const user = await accounts.update(context.req.param('id'), body.value, {
      signal: context.req.raw.signal,
    });
    const { password, ...changed } = body.value;
    noteForAudit(context, {
      username: user.username,
      changed: { ...changed, ...(password === undefined ? {} : { password: '(new)' }) },
      ...(before && before.role !== user.role ? { roleBefore: before.role } : {}),
    });
    return context.json({ user });
  });
  registry.add({
    method: 'patch',
    path: '/api/users/:id',
    summary: 'Change a staff account: name, role, password, skills, teams, capacity, disabled',
    tag: 'users',
    auth: ['admin'],
    body: StaffUserPatchSchema,
    responses: {
      200: {
        description:
          'Changed; a new password, disabling or a role change revokes the account’s tokens, closes its open agent sockets (a role change that still allows the console downgrades them instead)',
        schema: UserResponseSchema,
      },
      404: { description: 'No such account' },
      409: { description: 'The change would leave no enabled admin' },
    },
  });

  app.delete('/api/users/:id', admin, async (context) => {
    const user = await accounts.delete(context.req.param('id'));
    noteForAudit(context, { username: user.username, role: user.role });
    return context.json({ user });
  });
  registry.add({
    method: 'delete',
    path: '/api/users/:id',
    summary: 'Delete a staff account: its tokens stop working and its open agent sockets close at once',
    tag: 'users',
    auth: ['admin'],
    responses: {
      200: { description: 'Deleted', schema: UserResponseSchema },
      404: { description: 'No such account' },
      409: { description: 'The last enabled admin cannot be deleted' },
    },
  });
}
