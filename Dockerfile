# The image `vmo-twin simulate --emit-job` runs its shards and merge step in:
#   docker build -t vmo-twin:0.1.0 .
# (then push it where your cluster can pull it and pass --image).
FROM node:20-slim
WORKDIR /opt/vmo-twin
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scenarios ./scenarios
RUN npm ci --no-audit --no-fund && npm prune --omit=dev && npm link
USER node
ENTRYPOINT ["vmo-twin"]
