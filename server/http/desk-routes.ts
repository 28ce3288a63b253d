import type { Hono } from 'hono';
import { z } from 'zod';
import { AgentUpdateSchema } from '../../engine/desk/agent.js';
import type { Auth } from '../auth/auth.js';
import type { DeskService } from '../desk/desk-service.js';
import { AgentViewSchema, QueueSnapshotSchema } from '../realtime/agent-frames.js';
import type { ApiRegistry } from './openapi/api-registry.js';
import { readJsonBody } from './read-json-body.js';
import { requireStaff } from './require-role.js';

/** What a supervisor may change of an agent on the desk; at least one field. */
const AgentPatchSchema = AgentUpdateSchema.omit({ name: true })
  .strict()
  .refine((patch) => Object.keys(patch).length > 0, 'give at least one of presence, capacity, skills, teams');

const AgentResponseSchema = z.object({ agent: AgentViewSchema });

/** The live desk over HTTP: the queue for the console, agents for supervisors. */
export function registerDeskRoutes(
  app: Hono,
  options: { desk: DeskService; auth: Pick<Auth, 'verify'> },
  registry: ApiRegistry,
): void {
  const { desk } = options;
  const agentOrAbove = requireStaff(options.auth, ['agent']);
  const supervisorOrAbove = requireStaff(options.auth, ['supervisor']);

  // Every agent works the queue board, so they see waiting conversations' ids, viewer names and places;
  // never a transcript, and an id alone opens nothing (server/desk/conversation-access.ts).
  app.get('/api/desk/queue', agentOrAbove, (context) => context.json({ snapshot: desk.snapshot() }));
  registry.add({
    method: 'get',
    path: '/api/desk/queue',
    summary:
      'The queue: waiting conversations with positions and estimates, held ones, agents and their loads',
    tag: 'desk',
    auth: ['agent'],
    responses: {
      200: { description: 'The queue now', schema: z.object({ snapshot: QueueSnapshotSchema }) },
    },
  });

  app.get('/api/agents', supervisorOrAbove, (context) => context.json({ agents: desk.listAgents() }));
  registry.add({
    method: 'get',
    path: '/api/agents',
    summary: 'Agents on the desk (signed in since the server started) with presence, capacity and load',
    tag: 'desk',
    auth: ['supervisor'],
    responses: {
      200: { description: 'The agents', schema: z.object({ agents: z.array(AgentViewSchema) }) },
    },
  });

  app.patch('/api/agents/:id', supervisorOrAbove, async (context) => {
    const body = await readJsonBody(context, AgentPatchSchema);
    if (!body.ok) return body.response;
    const agentId = context.req.param('id');
    if (!desk.agent(agentId))
      return context.json({ error: 'not_found', message: `no agent ${agentId} on the desk` }, 404);
    return context.json({ agent: desk.updateAgent(agentId, body.value) });
  });
  registry.add({
    method: 'patch',
    path: '/api/agents/:id',
    summary:
      'Change an agent’s presence, capacity, skills or teams on the live desk (offline gives their conversations back)',
    tag: 'desk',
    auth: ['supervisor'],
    body: AgentPatchSchema,
    responses: {
      200: { description: 'Changed', schema: AgentResponseSchema },
      404: { description: 'The agent is not on the desk' },
    },
  });
}
