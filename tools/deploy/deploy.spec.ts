// The deploy files (deploy/, .dockerignore) checked without a Docker engine: parsed with
// dockerfile-ast and yaml, held to the rules of tools/deploy/deploy-checks.ts. Each rule is
// also shown to reject a bad fixture, so a checker that accepts everything fails here.
import {
  acceptedEnvNames,
  appEnvProblems,
  collectAcceptedEnv,
  unacceptedEnvNames,
} from './app-env';
import {
  checkCompose,
  checkDockerfile,
  checkDockerignore,
  COMPOSE_FILES,
  composeSecretProblem,
  DOCKERFILES,
  environmentOf,
  imagePinProblem,
  isDockerignored,
  loadCompose,
  readRepoFile,
  resolveDefaults,
  type DockerfileSpec,
} from './deploy-checks';

const dockerfileTexts = Object.fromEntries(DOCKERFILES.map((d) => [d.file, readRepoFile(d.file)]));
const composeBase = { file: COMPOSE_FILES[0], content: readRepoFile(COMPOSE_FILES[0]) };
const composeGpu = { file: COMPOSE_FILES[1], content: readRepoFile(COMPOSE_FILES[1]) };

describe('app-env: the variables the apps accept, recorded from the config loaders', () => {
  it('finds the plain, branch-only and app-specific names', () => {
    const all = collectAcceptedEnv();
    expect(all.get('DATABASE_URL')?.apps).toEqual(['api', 'worker']);
    // behind STORAGE_DRIVER=s3 and AI_API_URL: found by exploring the branches
    for (const name of ['S3_ENDPOINT', 'S3_SECRET_KEY', 'S3_PUBLIC_ENDPOINT', 'STORAGE_SIGNING_SECRET']) expect(acceptedEnvNames('api').has(name)).toBe(true);
    for (const name of ['AI_MODEL', 'AI_API_KEY', 'AI_TIMEOUT_MS', 'WORKER_QUEUES', 'VIDEO_HWACCEL']) expect(acceptedEnvNames('worker').has(name)).toBe(true);
    expect(acceptedEnvNames('api').has('WORKER_QUEUES')).toBe(false);
    expect(acceptedEnvNames('worker').has('SYNC_TIMEOUT_MS')).toBe(false);
    expect(all.get('STORAGE_DRIVER')?.choices).toEqual(['local', 's3']);
    expect(all.get('OPEN_SIGNUP')?.kinds).toEqual(['bool']);
  });

  it('matches the README configuration table (each documented variable is read by an app)', () => {
    const readme = readRepoFile('README.md');
    const start = readme.indexOf('## Configuration');
    const table = readme.slice(start, readme.indexOf('\n## ', start + 1));
    const documented = [...table.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]!);
    expect(documented.length).toBeGreaterThan(30);
    expect(documented.filter((name) => !acceptedEnvNames().has(name))).toEqual([]);
  });

  it('rejects names no app reads, and reports bad values', () => {
    expect(unacceptedEnvNames('api', ['API_PORT', 'NODE_OPTIONS', 'API_PROT'])).toEqual(['API_PROT']);
    expect(appEnvProblems('worker', { WORKER_QUEUES: 'image,gpux' })).toEqual([expect.stringContaining('WORKER_QUEUES')]);
    expect(appEnvProblems('worker', { WORKER_QUEUES: 'gpu,video' })).toEqual([]);
  });
});

describe('image pins', () => {
  it.each(['node:20.20.2-bookworm-slim', 'postgres:16.9-bookworm', 'nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04', 'minio/minio:RELEASE.2025-04-22T22-12-26Z', `node@sha256:${'a'.repeat(64)}`])(
    'accepts %s',
    (ref) => expect(imagePinProblem(ref)).toBeNull(),
  );
  it.each(['node', 'node:latest', 'node:20', 'node:lts-slim', 'node:bookworm', 'registry:5000/node', '${BASE}', 'node@sha256:abc'])('rejects %s', (ref) => {
    expect(imagePinProblem(ref)).not.toBeNull();
  });
});

describe('Dockerfiles', () => {
  it.each(DOCKERFILES.map((d) => [d.file, d] as const))('%s follows the rules', (file, spec) => {
    expect(checkDockerfile(dockerfileTexts[file]!, spec)).toEqual([]);
  });

  it('the CUDA worker: CUDA + cuDNN runtime base, onnxruntime-node with its CUDA provider, NVENC/NVDEC ffmpeg', () => {
    const text = dockerfileTexts['deploy/worker-cuda.Dockerfile']!;
    expect(text).toMatch(/^FROM nvidia\/cuda:12\.\d+\.\d+-cudnn-runtime-ubuntu24\.04 AS worker-cuda$/m);
    // the variable onnxruntime-node's script/install.js reads (install-utils.js parseInstallFlag)
    expect(text).toMatch(/^ARG ONNXRUNTIME_NODE_INSTALL=cuda12$/m);
    expect(text).toContain('libonnxruntime_providers_cuda.so');
    expect(text).toMatch(/grep -q h264_nvenc/);
    expect(text).toMatch(/NVIDIA_DRIVER_CAPABILITIES=compute,utility,video/);
  });

  it('reads the real files closely (multi-line ENV, inherited stages): a bad value or name in them is caught', () => {
    const cuda = DOCKERFILES.find((d) => d.file === 'deploy/worker-cuda.Dockerfile')!;
    const text = dockerfileTexts[cuda.file]!;
    expect(checkDockerfile(text.replace(/^(\s+)WORKER_QUEUES=gpu,video/m, '$1WORKER_QUEUES=gpu,vidoe'), cuda)).toEqual([expect.stringMatching(/WORKER_QUEUES has an unknown queue "vidoe"/)]);
    expect(checkDockerfile(text.replace(/^(\s+)VIDEO_HWACCEL=cuda/m, '$1VIDEO_HW_ACCEL=cuda'), cuda)).toEqual([expect.stringMatching(/ENV VIDEO_HW_ACCEL is not read by the worker's config/)]);
    const api = DOCKERFILES.find((d) => d.file === 'deploy/api.Dockerfile')!;
    // the migrate stage inherits deps: a secret ARG there reaches it
    expect(checkDockerfile(dockerfileTexts[api.file]!.replace('WORKDIR /app\n', 'WORKDIR /app\nARG DB_PASSWORD\n'), api)).toEqual([expect.stringMatching(/ARG DB_PASSWORD looks like a secret/)]);
    expect(checkDockerfile(dockerfileTexts[api.file]!.replace(/^USER 1000:1000\nHEALTHCHECK NONE$/m, 'HEALTHCHECK NONE'), api)).toEqual([expect.stringMatching(/stage migrate: no USER/)]);
  });

  const spec: DockerfileSpec = { file: 'fixture.Dockerfile', targets: [{ stage: 'api', app: 'api', portEnv: 'API_PORT' }] };
  const good = [
    'FROM node:20.20.2-bookworm-slim AS build',
    'RUN make build',
    'FROM node:20.20.2-bookworm-slim AS api',
    'ENV API_PORT=3000 DATA_DIR=/data',
    'COPY --from=build /app/dist dist',
    'USER 1000:1000',
    'EXPOSE 3000',
    `HEALTHCHECK CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.API_PORT + '/healthz')"]`,
    'CMD ["node", "main.js"]',
  ];
  const variant = (from: string, to: string | null) =>
    good.flatMap((line) => (line === from ? (to === null ? [] : [to]) : [line])).join('\n');

  it('accepts the good fixture', () => {
    expect(checkDockerfile(good.join('\n'), spec)).toEqual([]);
  });

  it.each([
    ['FROM node:latest', variant('FROM node:20.20.2-bookworm-slim AS api', 'FROM node:latest AS api'), /latest/],
    ['an untagged base', variant('FROM node:20.20.2-bookworm-slim AS build', 'FROM node AS build'), /no tag/],
    ['one stage', good.slice(2).join('\n'), /multi-stage/],
    ['no USER', variant('USER 1000:1000', null), /no USER/],
    ['USER root', variant('USER 1000:1000', 'USER root'), /is root/],
    ['USER 0:0', variant('USER 1000:1000', 'USER 0:0'), /is root/],
    ['no HEALTHCHECK', variant(good[7]!, null), /HEALTHCHECK/],
    ['HEALTHCHECK NONE', variant(good[7]!, 'HEALTHCHECK NONE'), /HEALTHCHECK/],
    ['an ENV secret', variant('ENV API_PORT=3000 DATA_DIR=/data', 'ENV API_PORT=3000 STORAGE_SIGNING_SECRET=s3cr3t'), /looks like a secret/],
    ['an ARG token', variant('RUN make build', 'ARG NPM_TOKEN=abc\nRUN make build'), /looks like a secret/],
    ['a URL with a password', variant('ENV API_PORT=3000 DATA_DIR=/data', 'ENV API_PORT=3000 DATABASE_URL=postgresql://u:hunter2@db/x'), /password/],
    ['a secret in RUN', variant('RUN make build', 'RUN GITHUB_TOKEN=ghp_x make build'), /RUN sets GITHUB_TOKEN/],
    ['a copied .env', variant('COPY --from=build /app/dist dist', 'COPY .env ./'), /secret-bearing/],
    ['an ENV the app does not read', variant('ENV API_PORT=3000 DATA_DIR=/data', 'ENV API_PORT=3000 DATADIR=/data'), /DATADIR is not read/],
    ['a value the config refuses', variant('ENV API_PORT=3000 DATA_DIR=/data', 'ENV API_PORT=3000 STORAGE_DRIVER=gcs'), /STORAGE_DRIVER must be one of/],
    ['EXPOSE of another port', variant('EXPOSE 3000', 'EXPOSE 8080'), /does not match API_PORT=3000/],
    ['a shell-form CMD', variant('CMD ["node", "main.js"]', 'CMD node main.js'), /exec form/],
  ])('rejects %s', (_what, text, problem) => {
    expect(checkDockerfile(text, spec)).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });
});

describe('.dockerignore', () => {
  const dockerignore = readRepoFile('.dockerignore');

  it('excludes dependencies, outputs, local state and secrets, and keeps every COPY source', () => {
    expect(checkDockerignore(dockerignore, dockerfileTexts)).toEqual([]);
    for (const file of ['node_modules/x', 'apps/api/node_modules/x', '.env.local', 'deploy/.env', 'data/storage/a.jpg', '.git/HEAD']) expect(isDockerignored(dockerignore, file)).toBe(true);
    for (const file of ['apps/api/src/main.ts', 'package-lock.json', 'tools/register-dist-paths.js']) expect(isDockerignored(dockerignore, file)).toBe(false);
  });

  it('rejects one that lets node_modules in, or that drops what a Dockerfile copies', () => {
    expect(checkDockerignore(dockerignore.replace(/^(\*\*\/)?node_modules$/gm, ''))).toEqual(['.dockerignore: does not exclude node_modules']);
    expect(checkDockerignore(`${dockerignore}\napps\n`, dockerfileTexts)).toEqual(expect.arrayContaining([expect.stringMatching(/COPY apps is excluded/)]));
  });
});

describe('compose', () => {
  it('the base file follows the rules', () => {
    expect(checkCompose([composeBase], DOCKERFILES, dockerfileTexts)).toEqual([]);
  });

  it('the GPU override merged onto it follows the rules', () => {
    expect(checkCompose([composeBase, composeGpu], DOCKERFILES, dockerfileTexts)).toEqual([]);
  });

  it('has the services of the stack, the migration one-shot and waits on health', () => {
    const { services } = loadCompose([composeBase]);
    expect(Object.keys(services).sort()).toEqual(['api', 'migrate', 'minio', 'minio-init', 'postgres', 'redis', 'worker']);
    expect(services['migrate']!['build']).toEqual(expect.objectContaining({ dockerfile: 'deploy/api.Dockerfile', target: 'migrate' }));
    expect(services['api']!['depends_on']).toEqual(expect.objectContaining({ migrate: { condition: 'service_completed_successfully' }, postgres: { condition: 'service_healthy' } }));
    expect(String((services['minio-init']!['command'] as string[])[0])).toContain('mc mb --ignore-existing');
  });

  it('the GPU worker: device reservations, gpu,video queues, the same app environment as the CPU worker', () => {
    const { services } = loadCompose([composeBase, composeGpu]);
    const gpu = services['worker-gpu']!;
    const devices = ((gpu['deploy'] as { resources: { reservations: { devices: Array<Record<string, unknown>> } } }).resources.reservations.devices);
    expect(devices).toEqual([expect.objectContaining({ driver: 'nvidia', capabilities: expect.arrayContaining(['gpu', 'video']) })]);
    const gpuEnv = environmentOf(gpu);
    const cpuEnv = environmentOf(services['worker']!);
    expect(gpuEnv['WORKER_QUEUES']).toBe('gpu,video');
    expect(cpuEnv['WORKER_QUEUES']).toBe('image,hooks');
    const own = /^(WORKER_QUEUES|WORKER_CONCURRENCY|VIDEO_|NVIDIA_)/;
    const shared = (env: Record<string, string>) => Object.fromEntries(Object.entries(env).filter(([k]) => !own.test(k)));
    expect(shared(gpuEnv)).toEqual(shared(cpuEnv));
  });

  it('resolves interpolation defaults as compose does', () => {
    expect(resolveDefaults('postgresql://u:${P:-insecure-dev-x}@h/db')).toBe('postgresql://u:insecure-dev-x@h/db');
    expect(resolveDefaults('${A}-${B:?set B}-$$C')).toBe('--$C');
  });

  it('accepts only interpolated secrets, with defaults marked insecure-dev', () => {
    expect(composeSecretProblem('x', '${MINIO_ROOT_PASSWORD:?set it}')).toBeNull();
    expect(composeSecretProblem('x', '${MINIO_ROOT_PASSWORD:-insecure-dev-minio}')).toBeNull();
    expect(composeSecretProblem('x', '"$$MINIO_ROOT_PASSWORD"')).toBeNull();
    expect(composeSecretProblem('x', 'minio123')).toMatch(/literal secret/);
    expect(composeSecretProblem('x', '${MINIO_ROOT_PASSWORD:-minio123}')).toMatch(/not marked/);
  });

  const fixture = (mutate: (text: string) => string) => checkCompose([{ file: 'fixture.yml', content: mutate(composeBase.content) }], DOCKERFILES, dockerfileTexts);

  it.each([
    ['redis:latest', (t: string) => t.replace('image: redis:7.4.2-bookworm', 'image: redis:latest'), /redis:latest.*latest/],
    ['an untagged image', (t: string) => t.replace('image: postgres:16.9-bookworm', 'image: postgres'), /no tag/],
    ['a literal password', (t: string) => t.replace('POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-insecure-dev-postgres}', 'POSTGRES_PASSWORD: hunter2'), /POSTGRES_PASSWORD holds a literal secret/],
    ['a literal password in a URL', (t: string) => t.replace(/gradekit:\$\{POSTGRES_PASSWORD:-insecure-dev-postgres\}@/g, 'gradekit:hunter2@'), /URL password/],
    ['an unmarked secret default', (t: string) => t.replace(/insecure-dev-minio-secret/g, 'minio-secret'), /not marked/],
    ['a variable the app does not read', (t: string) => t.replace('  API_PORT: "3000"\n', '  API_PORT: "3000"\n  API_PROT: "3000"\n'), /API_PROT is not read by the api's config/],
    ['a value the app refuses', (t: string) => t.replace('WORKER_QUEUES: ${WORKER_QUEUES:-image,gpu,video,hooks}', 'WORKER_QUEUES: ${WORKER_QUEUES:-image,gpux}'), /worker would refuse to start: WORKER_QUEUES/],
    ['a foreign variable on postgres', (t: string) => t.replace('POSTGRES_DB: gradekit', 'POSTGRES_DB: gradekit\n      DATABASE_URL: x'), /DATABASE_URL is not a variable of postgres/],
    ['a missing healthcheck', (t: string) => t.replace(/  redis:\n([\s\S]*?)    healthcheck:\n      test: \["CMD", "redis-cli", "ping"\]\n/, '  redis:\n$1    healthcheck:\n      disable: true\n'), /service redis: no healthcheck/],
    ['depends_on in the short form', (t: string) => t.replace('    depends_on:\n      postgres:\n        condition: service_healthy\n    environment:\n      NODE_ENV', '    depends_on: [postgres]\n    environment:\n      NODE_ENV'), /depends_on is a list/],
    ['service_started on a healthchecked service', (t: string) => t.replace('      minio:\n        condition: service_healthy\n    environment', '      minio:\n        condition: service_started\n    environment'), /depends_on minio needs condition service_healthy/],
    ['an app that does not wait for the migration', (t: string) => t.replace('      migrate:\n        condition: service_completed_successfully\n', ''), /does not wait for migrate/],
    ['a writable root filesystem', (t: string) => t.replace('  read_only: true\n', '  read_only: false\n'), /read_only is not true/],
    ['a healthcheck on another port', (t: string) => t.replace("127.0.0.1:3000/readyz", '127.0.0.1:8080/readyz'), /healthcheck does not probe API_PORT=3000/],
  ])('rejects %s', (_what, mutate, problem) => {
    const problems = fixture(mutate);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });
});
