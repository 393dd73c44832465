# syntax=docker/dockerfile:1
# Build stage: installs dependencies (better-sqlite3 is compiled here) and type-checks.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json ./
COPY commands ./commands
COPY src ./src
RUN npm prune --omit=dev

# Runtime stage: node_modules, sources, a non-root user and a volume for the job store.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production STORE_URL=sqlite:///data/kling-bot.sqlite
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY package.json tsconfig.json ./
COPY commands ./commands
COPY src ./src
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
ENTRYPOINT ["node", "--import", "tsx", "src/main.ts"]
