import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../support/routes.js';
import { startTestApi, TestApi } from '../support/test-api.js';

describe('OpenAPI document', () => {
  let api: TestApi;
  let document: { paths: Record<string, Record<string, unknown>> };

  beforeAll(async () => {
    api = await startTestApi();
    document = (await api.request('/api/docs/openapi.json')).body;
  });
  afterAll(() => api?.close());

  it('documents every route the api serves, with its method (metrics excepted)', () => {
    const undocumented = registeredRoutes(api.app)
      .filter((route) => route.path !== 'metrics')
      .filter((route) => {
        const prefixed = /^health\b/.test(route.path) ? route.path : `api/v1/${route.path}`;
        const openApiPath = `/${prefixed}`.replace(/:(\w+)/g, '{$1}');
        return !document.paths[openApiPath]?.[route.method.toLowerCase()];
      })
      .map((route) => `${route.method} ${route.path}`);
    expect(undocumented).toEqual([]);
  });

  it("the login example signs in (a demo user's real password)", async () => {
    type Schemas = Record<string, { properties: Record<string, { example?: string }> }>;
    const { LoginDto } = (document as unknown as { components: { schemas: Schemas } }).components.schemas;
    const example = Object.fromEntries(
      Object.entries(LoginDto.properties).map(([name, property]) => [name, property.example]),
    );
    const login = await api.request('/api/v1/auth/login', { method: 'POST', json: example });
    expect(login.status, login.text).toBe(200);
  });

  it('documents the contract offers of a campaign, the lawful-basis reasons of an empty lease and the caller number of an outcome', () => {
    type Property = { type?: string; items?: { type?: string }; description?: string };
    const schemas = (
      document as unknown as {
        components: {
          schemas: Record<string, { properties: Record<string, Property>; required?: string[] }>;
        };
      }
    ).components.schemas;
    expect(schemas.CreateCampaignDto.properties.contractOffers).toMatchObject({
      type: 'array',
      items: { type: 'string' },
    });
    expect(schemas.CreateCampaignDto.required).not.toContain('contractOffers');
    expect(schemas.CampaignResponse.required).toContain('contractOffers');
    expect(schemas.EmptyLeaseWhyResponse.properties.reasons.description).toContain('contract_ended');
    expect(schemas.EmptyLeaseWhyResponse.properties.reasons.description).toContain('contract_unrelated');
    expect(schemas.CampaignProgressResponse.properties.waiting.description).toContain('contract_unrelated');
    expect(schemas.OutcomeDto.properties.callerNumber.description).toContain('caller_number_missing');
  });

  it('documents no route that does not exist', async () => {
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const method of Object.keys(operations)) {
        const url = path.replace(/\{\w+\}/g, '00000000-0000-4000-8000-000000000000');
        const response = await api.request(url, { method: method.toUpperCase() });
        expect(response.body?.error?.code, `${method} ${path}`).not.toBe('route_not_found');
      }
    }
  });
});
