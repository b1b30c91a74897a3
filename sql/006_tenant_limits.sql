-- PairDB coordinator metadata, version 6: a tenant's own rate limits (requests and request bytes per second, each
-- enforced per coordinator; 0 = unlimited). NULL in both: the tenant has none of its own and the coordinators'
-- configured defaults (rate_limits.default_requests_per_second, rate_limits.default_bytes_per_second) apply.

ALTER TABLE tenants ADD COLUMN IF NOT EXISTS requests_per_second BIGINT;
ALTER TABLE tenants ADD COLUMN IF NOT EXISTS bytes_per_second BIGINT;
ALTER TABLE tenants DROP CONSTRAINT IF EXISTS tenants_rate_limits_check;
ALTER TABLE tenants ADD CONSTRAINT tenants_rate_limits_check CHECK (
    (requests_per_second IS NULL AND bytes_per_second IS NULL)
    OR (requests_per_second BETWEEN 0 AND 2147483647 AND bytes_per_second BETWEEN 0 AND 2147483647));
