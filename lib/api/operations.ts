import { z } from 'zod';
import { createApiKeyInput } from '@/lib/services/api-keys/schemas';
import { inviteMemberInput, updateMemberInput } from '@/lib/services/members/schemas';
import { createOrgInput, updateOrgInput } from '@/lib/services/orgs/schemas';
import { createProjectInput, listProjectsInput, updateProjectInput } from '@/lib/services/projects/schemas';
import { describe, orgParams, projectParams } from './registry';

// The operations of /api/v1, described once. Later areas add a file like this one and import it in openapi.ts.

const org = z.object({ id: z.string(), slug: z.string(), name: z.string(), role: z.string(), createdAt: z.string() });
const project = z.object({ id: z.string(), organizationId: z.string(), name: z.string(), displayName: z.string(), description: z.string(), createdAt: z.string(), updatedAt: z.string() });

describe({ method: 'get', path: '/api/v1/health', summary: 'Liveness of the control plane, its database and data planes', tags: ['system'], public: true, response: z.object({ status: z.enum(['ok', 'degraded']), db: z.enum(['ok', 'down']), dataPlanes: z.array(z.object({ name: z.string(), ok: z.boolean() })) }) });
describe({ method: 'get', path: '/api/v1/openapi.json', summary: 'This OpenAPI document', tags: ['system'], public: true });

describe({ method: 'get', path: '/api/v1/orgs', summary: 'Organisations the caller belongs to', tags: ['organizations'], response: z.object({ items: z.array(org) }) });
describe({ method: 'post', path: '/api/v1/orgs', summary: 'Create an organisation (the creator becomes admin; instance admins only unless GANTRY_ORG_CREATION=anyone)', tags: ['organizations'], body: createOrgInput, status: 201, response: org.omit({ role: true, createdAt: true }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}', summary: 'One organisation', tags: ['organizations'], params: orgParams, response: org });
describe({ method: 'patch', path: '/api/v1/orgs/{org}', summary: 'Rename an organisation', tags: ['organizations'], params: orgParams, body: updateOrgInput, response: org });

const memberParams = orgParams.extend({ userId: z.string() });
describe({ method: 'get', path: '/api/v1/orgs/{org}/members', summary: 'Members and pending invitations', tags: ['members'], params: orgParams });
describe({ method: 'post', path: '/api/v1/orgs/{org}/members', summary: 'Invite by email: a pending invitation whose link is returned once, whether or not the address has an account', tags: ['members'], params: orgParams, body: inviteMemberInput, status: 201 });
describe({ method: 'patch', path: '/api/v1/orgs/{org}/members/{userId}', summary: "Change a member's role", tags: ['members'], params: memberParams, body: updateMemberInput });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/members/{userId}', summary: 'Remove a member', tags: ['members'], params: memberParams, status: 204 });
const invitationParams = orgParams.extend({ id: z.string().describe('Invitation id') });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/invitations/{id}', summary: 'Revoke a pending invitation: its link stops working at once', tags: ['members'], params: invitationParams, status: 204 });
describe({ method: 'post', path: '/api/v1/orgs/{org}/invitations/{id}/resend', summary: 'A new one-time link for a pending invitation (same address and role, fresh expiry); the old link stops working', tags: ['members'], params: invitationParams, status: 201, response: z.object({ kind: z.literal('invited'), invitationId: z.string(), email: z.string(), role: z.string(), expiresAt: z.string(), invitationUrl: z.string() }) });

const keyParams = orgParams.extend({ id: z.string() });
const apiKeyView = z.object({ id: z.string(), name: z.string(), role: z.string(), prefix: z.string(), createdAt: z.string(), expiresAt: z.string().nullable(), lastUsedAt: z.string().nullable().optional(), revokedAt: z.string().nullable().optional() });
describe({ method: 'get', path: '/api/v1/orgs/{org}/api-keys', summary: 'API keys (by prefix; never the key)', tags: ['api-keys'], params: orgParams, response: z.object({ items: z.array(apiKeyView) }) });
describe({ method: 'post', path: '/api/v1/orgs/{org}/api-keys', summary: 'Create an API key: the key is in this response only', tags: ['api-keys'], params: orgParams, body: createApiKeyInput, status: 201, response: apiKeyView.extend({ key: z.string() }) });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/api-keys/{id}', summary: 'Revoke an API key (effective at once)', tags: ['api-keys'], params: keyParams, status: 204 });

describe({ method: 'get', path: '/api/v1/orgs/{org}/events', summary: "The organisation's change feed (Server-Sent Events): a `deployments` event per batch of deployment status changes (id = cursor, resumable with Last-Event-ID or ?since=), a `components` event when components or projects change", tags: ['organizations'], params: orgParams, query: z.object({ since: z.string().optional() }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/audit-events', summary: 'The audit log, newest first; filters: actor (part of who), action (an action or its start, "deployment."), target (part of its name, its id or type), from / to (ISO 8601; UTC without an offset)', tags: ['audit'], params: orgParams, query: z.object({ limit: z.string().optional(), cursor: z.string().optional(), actor: z.string().optional(), action: z.string().optional(), target: z.string().optional(), from: z.string().optional(), to: z.string().optional() }) });

describe({ method: 'get', path: '/api/v1/orgs/{org}/projects', summary: 'Projects', tags: ['projects'], params: orgParams, query: listProjectsInput.partial(), response: z.object({ items: z.array(project), total: z.number(), limit: z.number(), offset: z.number() }) });
describe({ method: 'post', path: '/api/v1/orgs/{org}/projects', summary: 'Create a project', tags: ['projects'], params: orgParams, body: createProjectInput, status: 201, response: project });
describe({ method: 'get', path: '/api/v1/orgs/{org}/projects/{project}', summary: 'One project', tags: ['projects'], params: projectParams, response: project });
describe({ method: 'patch', path: '/api/v1/orgs/{org}/projects/{project}', summary: 'Change display name or description (the name is immutable)', tags: ['projects'], params: projectParams, body: updateProjectInput, response: project });
describe({ method: 'delete', path: '/api/v1/orgs/{org}/projects/{project}', summary: 'Delete an empty project', tags: ['projects'], params: projectParams, status: 204 });

const env = z.object({ id: z.string(), name: z.string(), displayName: z.string(), position: z.number(), dataPlane: z.string(), createdAt: z.string() });
describe({ method: 'get', path: '/api/v1/orgs/{org}/environments', summary: 'Environments in promotion order', tags: ['environments'], params: orgParams, response: z.object({ items: z.array(env) }) });
describe({ method: 'get', path: '/api/v1/orgs/{org}/data-planes', summary: 'Data planes and the environments bound to them', tags: ['environments'], params: orgParams });
