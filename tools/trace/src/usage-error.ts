/** The command line asked for something that cannot be done as written: the usage is printed after it. */
export class UsageError extends Error {}
