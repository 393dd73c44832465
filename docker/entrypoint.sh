#!/bin/sh
# The image's entry point (Dockerfile ENTRYPOINT). The first argument says what to run:
#   docker run … IMAGE                 the bot (as `npm start`)
#   docker run … IMAGE deploy          registers the slash commands (as `npm run deploy`)
#   docker run … IMAGE check FILE…     checks media files against the models' limits (as `npm run check`)
#   docker run … IMAGE sh              any other command found in the image runs as given
# Paths are relative to the image's WORKDIR (/app). `exec` makes node PID 1, so `docker stop` (SIGTERM) reaches it.
set -eu

usage() {
  echo "usage: IMAGE [start | deploy | check FILE… | help | COMMAND…]" >&2
}

case "${1:-start}" in
  start)
    [ "$#" -gt 0 ] && shift
    exec node --enable-source-maps --max-semi-space-size=8 --heap-growing-percent=20 dist/src/main.js "$@"
    ;;
  deploy)
    shift
    exec node --enable-source-maps dist/src/deploy.js "$@"
    ;;
  check)
    shift
    exec node --enable-source-maps dist/src/media/check-cli.js "$@"
    ;;
  help | -h | --help)
    usage
    exit 0
    ;;
  *)
    if command -v "$1" >/dev/null 2>&1; then exec "$@"; fi
    echo "unknown command: $1" >&2
    usage
    exit 64
    ;;
esac
