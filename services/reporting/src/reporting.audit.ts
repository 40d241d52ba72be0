/** Who reporting's audit log names for what its workflows and its start-up change. */
export const SYSTEM_ACTOR = 'system:reporting';
