-- For docker-compose.yml, which runs it in the postgres image: one database per service (contract §1);
-- "auth" is created by the image itself. On Kubernetes, CloudNativePG creates them (k8s/infra/postgres.yaml).
create database rooms;
create database messages;
