-- Deploy cm-app:things to pg
CREATE TABLE cm_base.things (id int PRIMARY KEY);
GRANT SELECT ON cm_base.things TO cm_reader;
