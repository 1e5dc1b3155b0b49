-- Deploy app-auth:schemas/app/grants/anonymous_usage to pg
-- requires: app-base:schemas/app/schema

BEGIN;

-- Schema app belongs to app-base; anonymous needs it to call app.register and app.authenticate.
GRANT USAGE ON SCHEMA app TO anonymous;

COMMIT;
