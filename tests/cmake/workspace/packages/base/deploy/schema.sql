-- Deploy cm-base:schema to pg
CREATE SCHEMA cm_base;
