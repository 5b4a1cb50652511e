import type { Db } from '../../db/client';

/** What the user use-cases need from outside: the database and the moment they act at. */
export interface UserDeps {
  db: Db;
  now: Date;
}
