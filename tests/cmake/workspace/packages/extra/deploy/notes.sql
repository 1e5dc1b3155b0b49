-- Deploy cm-extra:notes to pg
CREATE TABLE cm_base.notes (body text);
