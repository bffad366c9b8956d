# The portal's production image: backend plus the app it serves.
#   docker build -t goldenpath-portal .
#   docker run -p 7007:7007 --env-file portal.env goldenpath-portal
# The environment variables are listed in app-config.production.yaml.

# Build tools for native addons (better-sqlite3) and Yarn 4.
FROM node:22-bookworm-slim AS toolchain
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 g++ make \
    && rm -rf /var/lib/apt/lists/* \
    && npm install -g @yarnpkg/cli-dist@4.13.0

# Stage 1: install everything, type check and build the backend bundle.
FROM toolchain AS build
WORKDIR /src
COPY . .
RUN yarn install --immutable \
    && yarn tsc \
    && yarn build:backend

# Stage 2: production dependencies only, built for this Node version.
FROM toolchain AS deps
WORKDIR /app
COPY --from=build /src/package.json /src/yarn.lock /src/.yarnrc.yml /src/backstage.json ./
COPY --from=build /src/packages/backend/dist/skeleton.tar.gz ./
RUN tar xzf skeleton.tar.gz && rm skeleton.tar.gz \
    && yarn workspaces focus --all --production \
    && yarn cache clean --all

# Stage 3: the runtime, as the unprivileged `node` user.
FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production
# TechDocs are built in-process with mkdocs and the techdocs-core plugin.
RUN apt-get update \
    && apt-get install -y --no-install-recommends python3 python3-venv \
    && rm -rf /var/lib/apt/lists/* \
    && python3 -m venv /opt/mkdocs \
    && /opt/mkdocs/bin/pip install --no-cache-dir 'mkdocs-techdocs-core==1.*'
ENV PATH=/opt/mkdocs/bin:$PATH
WORKDIR /app
COPY --from=deps --chown=node:node /app ./
COPY --from=build --chown=node:node /src/packages/backend/dist/bundle.tar.gz ./
RUN tar xzf bundle.tar.gz && rm bundle.tar.gz && chown -R node:node /app
COPY --chown=node:node app-config.yaml app-config.production.yaml ./
USER node
EXPOSE 7007
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:7007/.backstage/health/v1/liveness').then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "packages/backend", "--config", "app-config.yaml", "--config", "app-config.production.yaml"]
