-- Verify app-base:helpers/verify on pg

BEGIN;

SELECT 'app_private.assert_schema(text)'::regprocedure,
       'app_private.assert_table(text)'::regprocedure,
       'app_private.assert_function(text)'::regprocedure;

SELECT app_private.assert_schema('pg_catalog');
SELECT app_private.assert_table('pg_catalog.pg_class');
SELECT app_private.assert_function('pg_catalog.now()');

ROLLBACK;
