-- Revert app-auth:schemas/app/types/jwt_token from pg

BEGIN;

DROP TYPE app.jwt_token;

COMMIT;
