# syntax=docker/dockerfile:1
# PairDB images: one build, two final targets.
#   docker build --target coordinator -t pairdb/coordinator:dev .
#   docker build --target storage     -t pairdb/storage:dev .
# Kubernetes manifests: k8s/ (docs/kubernetes.md).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
# Project files first, so the package restore layer is reused until a dependency changes.
COPY Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Coordinator.Messages/Coordinator.Messages.csproj src/Coordinator.Messages/
COPY src/Coordinator.Actors/Coordinator.Actors.csproj src/Coordinator.Actors/
COPY src/Storage.Host/Storage.Host.csproj src/Storage.Host/
COPY src/Coordinator.Host/Coordinator.Host.csproj src/Coordinator.Host/
# The coordinator references every other server project, so one restore covers both images.
RUN dotnet restore src/Coordinator.Host/Coordinator.Host.csproj
COPY protos/ protos/
COPY sql/ sql/
COPY src/ src/
RUN dotnet publish src/Coordinator.Host/Coordinator.Host.csproj -c Release --no-restore -p:UseAppHost=false -o /out/coordinator \
 && dotnet publish src/Storage.Host/Storage.Host.csproj -c Release --no-restore -p:UseAppHost=false -o /out/storage

# Shared runtime: non-root, writable data folder, listeners on the pod/container address.
FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
WORKDIR /app
# DATA_DIR is a volume in Kubernetes; the folder also exists in the image so `docker run` works without one.
RUN mkdir -p /var/lib/pairdb && chown "$APP_UID:$APP_UID" /var/lib/pairdb
# The base image presets ASP.NET Core's HTTP_PORTS=8080; both servers choose their own listeners, so clear it.
ENV ASPNETCORE_HTTP_PORTS= \
    BIND_ADDRESS=0.0.0.0 \
    DATA_DIR=/var/lib/pairdb
# The "app" user (uid 1654) the aspnet images ship with.
USER $APP_UID

FROM runtime AS storage
COPY --from=build /out/storage ./
# gRPC, health, metrics (the standalone node's defaults: src/Storage.Host/Hosting/StorageNodeOptionsLoader.cs)
EXPOSE 50061 8081 9091
ENTRYPOINT ["dotnet", "Storage.Host.dll"]

# Last, so a plain `docker build .` builds the coordinator.
FROM runtime AS coordinator
COPY --from=build /out/coordinator ./
# gRPC, health, metrics, Akka.Remote (defaults of src/Coordinator.Host/Configuration/CoordinatorOptions.cs, ClusterSettings.cs)
EXPOSE 50051 8080 9090 4053
ENTRYPOINT ["dotnet", "Coordinator.Host.dll"]
