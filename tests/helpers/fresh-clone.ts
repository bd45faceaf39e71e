/**
 * Set in the environment of the fresh-clone check's own `npm test`: there, the tests that clone or
 * pack the repository (which the outer run already covers) are skipped, so that it never recurses.
 */
export const FRESH_CLONE_GUARD = 'CONFORMANCE_INSIDE_FRESH_CLONE';
