-- Revert {{module}}:{{change}} from pg

BEGIN;

-- Undo the deploy script here, e.g. DROP TABLE ...;

COMMIT;
