import { createMemoryStorage } from '../../../src/storage/index.ts';
import { describeStorageContract } from './contract.ts';

describeStorageContract('memory', async () => {
  const storage = createMemoryStorage();
  return { storage, dispose: () => storage.close() };
});
