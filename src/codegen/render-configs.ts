import { MODEL_ENV_VARIABLES, parseModelSpec } from '../models/providers/index.js';
import { modelEnvKey } from '../ssot/index.js';
import type { AgentInfo } from '../sysml/model-types.js';
import type { GenerationContext } from './generation-context.js';

/** A generated config file: its path and body. */
export interface ConfigFile {
  path: string;
  body: string;
}

const DOCKER_COMPOSE = `# Scale-out services: PostgreSQL for the missions store (DATABASE_URL) and Jaeger for traces (OTLP).
services:
  postgres:
    image: postgres:16
    environment:
      POSTGRES_USER: swarmlord
      POSTGRES_PASSWORD: swarmlord
      POSTGRES_DB: swarmlord
    ports:
      - "5432:5432"
    volumes:
      - postgres-data:/var/lib/postgresql/data
  jaeger:
    image: jaegertracing/all-in-one:latest
    environment:
      COLLECTOR_OTLP_ENABLED: "true"
    ports:
      - "16686:16686"
      - "4317:4317"
      - "4318:4318"
volumes:
  postgres-data:
`;

const DEVCONTAINER = `{
  "name": "swarmlord",
  "image": "mcr.microsoft.com/devcontainers/typescript-node:20",
  "forwardPorts": [5432, 16686],
  "postCreateCommand": "npm ci",
  "containerEnv": {
    "DATABASE_URL": "postgresql://swarmlord:swarmlord@localhost:5432/swarmlord",
    "OTEL_EXPORTER_OTLP_ENDPOINT": "http://localhost:4318"
  }
}
`;

/** The tsconfig `validate` type-checks the generated agents and tests with. */
const AGENTS_TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2023",
    "lib": ["ES2023"],
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "noUncheckedIndexedAccess": true,
    "noEmit": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["*.ts"]
}
`;

/** The variables the agents' models need: each agent's override, then each provider's key and URL. */
function renderEnvTemplate(context: GenerationContext, agents: readonly AgentInfo[]): string {
  const { registry } = context.ssot;
  const providers = new Set<string>();
  const lines = [
    '# Variables the SSOT agents read. Copy to .env and fill in; never commit the filled file.',
    '# SWARMLORD_MODEL_<ROLE> overrides an agent’s `model` attribute (offline: the offline engine).',
    'SWARMLORD_MODEL=',
  ];
  for (const agent of agents) {
    const model = registry.attributeFor(agent.qualifiedName, 'model');
    lines.push(`# ${agent.name}: model attribute ${model === undefined ? '(none: offline)' : String(model)}`);
    lines.push(`${modelEnvKey(agent.name)}=`);
    if (model !== undefined) providers.add(parseModelSpec(String(model)).provider);
  }
  lines.push('# Provider keys and endpoints the models above need.');
  for (const variable of MODEL_ENV_VARIABLES) {
    if (!providers.has(variable.provider)) continue;
    lines.push(`# ${variable.meaning}`, `${variable.name}=`);
  }
  lines.push(
    '# Scale-out (docker-compose.yml): the missions store and the trace collector.',
    'DATABASE_URL=',
    'OTEL_EXPORTER_OTLP_ENDPOINT=',
    '',
  );
  return lines.join('\n');
}

/** docker-compose (PostgreSQL + Jaeger), the devcontainer, `.env.template` and the agents' tsconfig. */
export function renderConfigs(context: GenerationContext, agents: readonly AgentInfo[]): ConfigFile[] {
  return [
    { path: 'docker-compose.yml', body: DOCKER_COMPOSE },
    { path: '.devcontainer/devcontainer.json', body: DEVCONTAINER },
    { path: '.env.template', body: renderEnvTemplate(context, agents) },
    { path: 'agents/tsconfig.json', body: AGENTS_TSCONFIG },
  ];
}
