-- PairDB coordinator metadata, version 5: tenant credentials and the audit of admin calls (docs/security.md).
-- A token is kept only as SHA-256(salt || secret); the secret itself is shown once, at creation, and never stored.
-- Creating or revoking a token sends NOTIFY pairdb_tokens with the token id, so every coordinator drops it from its cache.

CREATE TABLE IF NOT EXISTS tenant_tokens (
    token_id    TEXT        PRIMARY KEY,
    tenant_id   TEXT        NOT NULL REFERENCES tenants (tenant_id),
    salt        BYTEA       NOT NULL,
    secret_hash BYTEA       NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    -- Null while the token is active.
    revoked_at  TIMESTAMPTZ
);
CREATE INDEX IF NOT EXISTS ix_tenant_tokens_tenant ON tenant_tokens (tenant_id, created_at);

CREATE TABLE IF NOT EXISTS audit_records (
    id     BIGSERIAL   PRIMARY KEY,
    at     TIMESTAMPTZ NOT NULL,
    -- "admin", "token:<token_id>" or "anonymous".
    caller TEXT        NOT NULL,
    method TEXT        NOT NULL,
    target TEXT        NOT NULL,
    -- gRPC status code name, e.g. OK, PERMISSION_DENIED.
    status TEXT        NOT NULL
);
