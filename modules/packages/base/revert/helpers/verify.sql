-- Revert app-base:helpers/verify from pg

BEGIN;

DROP FUNCTION app_private.assert_function(text);
DROP FUNCTION app_private.assert_table(text);
DROP FUNCTION app_private.assert_schema(text);

COMMIT;
