-- Deploy app-base:schemas/app/tables/users/triggers/set_updated_at to pg
-- requires: schemas/app/tables/users
-- requires: schemas/app_private/functions/tg_set_updated_at

BEGIN;

CREATE TRIGGER set_updated_at
  BEFORE UPDATE ON app.users
  FOR EACH ROW
  EXECUTE FUNCTION app_private.tg_set_updated_at();

COMMIT;
