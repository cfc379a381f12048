-- 0003: let PostgreSQL inline crisis.event_hash.
--
-- 0001 declared it IMMUTABLE, but it calls STABLE functions (convert_to,
-- extract on timestamptz), and PostgreSQL never inlines an SQL function
-- whose declared volatility is stricter than what it calls: every append
-- then parsed and planned the hash expression again (about 20% of the
-- backend's time; measured by scripts/bench: 1 writer 1,074 -> 2,002
-- appends/s). The bytes hashed do not change (docs/hash-chain.md).
ALTER FUNCTION crisis.event_hash(bytea, text, bigint, uuid, text, integer, jsonb, jsonb, text, timestamptz) STABLE;
