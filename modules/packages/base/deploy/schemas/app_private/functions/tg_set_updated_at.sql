-- Deploy app-base:schemas/app_private/functions/tg_set_updated_at to pg
-- requires: schemas/app_private/schema

BEGIN;

CREATE FUNCTION app_private.tg_set_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  NEW.updated_at := now();
  RETURN NEW;
END;
$$;

COMMENT ON FUNCTION app_private.tg_set_updated_at() IS
  'BEFORE UPDATE trigger: sets NEW.updated_at to the transaction time';

REVOKE EXECUTE ON FUNCTION app_private.tg_set_updated_at() FROM PUBLIC;

COMMIT;
