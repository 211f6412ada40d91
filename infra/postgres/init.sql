-- One role and one database per service, each database owned by its role.
-- Demo stack only: each role's password is its own name. Never reuse these outside a local stack.
-- Idempotent (a second run changes nothing), so the native stack can run it at every start;
-- compose runs it once from /docker-entrypoint-initdb.d. \gexec because CREATE DATABASE
-- cannot run inside a DO block.

SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', name, name)
FROM unnest(ARRAY['orders', 'inventory', 'payments']) AS name
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name)
\gexec

SELECT format('CREATE DATABASE %I OWNER %I', name, name)
FROM unnest(ARRAY['orders', 'inventory', 'payments']) AS name
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = name)
\gexec

-- Keep services out of each other's databases (PUBLIC may connect anywhere by default;
-- each owner keeps its own right to connect).
REVOKE CONNECT ON DATABASE orders, inventory, payments FROM PUBLIC;
