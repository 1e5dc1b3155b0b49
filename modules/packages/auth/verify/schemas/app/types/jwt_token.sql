-- Verify app-auth:schemas/app/types/jwt_token on pg

BEGIN;

SELECT (t).role, (t).user_id, (t).exp
  FROM (SELECT ('authenticated', NULL, 0)::app.jwt_token AS t) AS token;

ROLLBACK;
