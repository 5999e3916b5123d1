/**
 * The photo and upload methods of the contract. Access is checked by the
 * dispatcher before `run`: reception has no clinical.* permission, so every
 * photos.* call from reception is FORBIDDEN (and recorded as access.denied).
 */
import type { HandlersFor } from '../service/handler-types';
import { serviceContext } from '../service/service-context';
import { discardStagedUpload } from '../uploads/staged-uploads';
import { getPhoto, importPhoto, listPhotos, updatePhoto } from './photo-service';

export const photoHandlers: HandlersFor<
  'photos.list' | 'photos.get' | 'photos.import' | 'photos.update' | 'uploads.discard'
> = {
  'photos.list': { access: 'clinical.read', run: (ctx, input) => listPhotos(serviceContext(ctx), input.clientId) },
  'photos.get': { access: 'clinical.read', run: (ctx, input) => getPhoto(serviceContext(ctx), input.photoId) },
  'photos.import': { access: 'clinical.write', run: (ctx, input) => importPhoto(serviceContext(ctx), input) },
  'photos.update': { access: 'clinical.write', run: (ctx, input) => updatePhoto(serviceContext(ctx), input) },
  // Anyone signed in may stage (a consent form at reception's desk); each discards only their own.
  'uploads.discard': { access: 'signed-in', run: (ctx, input) => discardStagedUpload(serviceContext(ctx), input.uploadId) },
};
