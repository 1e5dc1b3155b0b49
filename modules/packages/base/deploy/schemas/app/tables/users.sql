-- Deploy app-base:schemas/app/tables/users to pg
-- requires: schemas/app/schema
-- requires: schemas/app/types/user_status

BEGIN;

CREATE TABLE app.users (
  id           uuid PRIMARY KEY DEFAULT public.uuid_generate_v4(),
  email        public.citext NOT NULL,
  display_name text,
  status       app.user_status NOT NULL DEFAULT 'invited',
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT users_email_format CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+$'),
  CONSTRAINT users_display_name_length CHECK (char_length(display_name) <= 120)
);

COMMENT ON TABLE app.users IS 'Registered users';
COMMENT ON COLUMN app.users.email IS 'Login e-mail, compared case-insensitively';

COMMIT;
