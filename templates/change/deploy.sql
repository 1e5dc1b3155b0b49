-- Deploy {{module}}:{{change}} to pg
-- requires: {{requires}}

BEGIN;

-- Write the change here, e.g. CREATE TABLE ...;

COMMIT;
