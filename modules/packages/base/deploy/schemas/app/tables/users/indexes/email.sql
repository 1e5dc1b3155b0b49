-- Deploy app-base:schemas/app/tables/users/indexes/email to pg
-- requires: schemas/app/tables/users

BEGIN;

CREATE UNIQUE INDEX users_email_idx ON app.users (email);

COMMIT;
