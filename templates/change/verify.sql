-- Verify {{module}}:{{change}} on pg

-- Fail (raise an error) unless the change is deployed, e.g. SELECT id FROM ... WHERE false;
-- Verify runs in a transaction that is always rolled back.
