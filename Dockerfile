# syntax=docker/dockerfile:1
# ats in a container: `docker compose up -d` runs the dashboard (serve) and the scheduler on one store volume.
# API keys come from the environment (compose.yaml env_file), never from the image.

# --- build: TypeScript and better-sqlite3's native addon, compiled from source ---
FROM node:20-bookworm-slim AS build
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
# onnxruntime-node's install script only fetches CUDA files (the CPU binaries ship in the package).
ENV ONNXRUNTIME_NODE_INSTALL=skip
RUN npm ci --no-audit --no-fund \
  && npm rebuild better-sqlite3 --build-from-source
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npx tsc -p tsconfig.build.json \
  && npm prune --omit=dev --no-audit --no-fund

# --- runtime: Node 20 on Debian slim, no compilers, non-root ---
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
  ATS_DB=/app/data/ats.db \
  ATS_REPORTS_DIR=/app/reports
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY package.json ./
COPY bin ./bin
COPY data/sample ./data/sample
# The image's user `node` (uid 1000) owns only the folders ats writes; the code stays root-owned and read-only.
RUN mkdir -p /app/data /app/reports /app/models \
  && chown node:node /app/data /app/reports /app/models
USER node
VOLUME ["/app/data", "/app/reports"]
EXPOSE 8080
# The dashboard's health endpoint (ats serve); the scheduler service overrides this in compose.yaml.
HEALTHCHECK --interval=60s --timeout=10s --start-period=30s --retries=3 \
  CMD ["node", "-e", "const t=process.env.ATS_SERVE_TOKEN;fetch('http://127.0.0.1:8080/api/health',{headers:t?{authorization:'Bearer '+t}:{}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "bin/ats.js"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8080"]
