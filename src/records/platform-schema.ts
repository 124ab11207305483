import { z } from 'zod';
import { PLATFORMS, type Platform } from '../hierarchy/platform.js';

/** A docker-stacks platform name (x86_64, aarch64) as records spell it. */
export const platformSchema = z.enum(Object.keys(PLATFORMS) as [Platform, ...Platform[]]);
