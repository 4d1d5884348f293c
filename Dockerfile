# carryover GitHub App (Probot 14). Two stages: build with dev dependencies, run with
# production dependencies only, as the unprivileged `node` user.
# Not built on the development machine (no Docker there); see docs/deploy.md.

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY rules ./rules
COPY bin ./bin
COPY scripts/bundle.mjs ./scripts/bundle.mjs
# `npm ci` runs the `prepare` script (tsc → lib/, esbuild → lib/bundle/); then drop dev dependencies.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:22-slim
# Probot's server binds to localhost unless HOST says otherwise.
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/lib ./lib
COPY package.json app.yml ./
COPY rules ./rules
COPY bin ./bin
USER node
EXPOSE 3000
# Probot answers GET /ping with PONG.
HEALTHCHECK --interval=30s --timeout=5s CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/ping').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# The app by default; with REDIS_URL, run more containers of this image as workers: `node lib/worker.js`.
CMD ["node", "lib/main.js"]
