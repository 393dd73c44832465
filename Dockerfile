# syntax=docker/dockerfile:1
# Build stage: installs dependencies (better-sqlite3 is compiled here), compiles the TypeScript, drops dev deps.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY commands ./commands
COPY src ./src
RUN npm run build && npm prune --omit=dev

# Runtime stage: compiled JS and production node_modules, a non-root user, a volume for the job store.
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production STORE_URL=sqlite:///data/kling-bot.sqlite
# ffmpeg makes the before/after clips (optional: without it the bot runs with that feature off)
RUN apt-get update && apt-get install -y --no-install-recommends ffmpeg && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY --chmod=755 docker/entrypoint.sh ./docker/entrypoint.sh
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
# docker/entrypoint.sh: no argument (or `start`) runs the bot; `deploy` registers the slash commands;
# `check FILE…` checks media files. E.g. docker run --rm --env-file .env IMAGE deploy
ENTRYPOINT ["/app/docker/entrypoint.sh"]
CMD ["start"]
