import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { newNoteId } from '@/core/notes';
import { createNotesService } from '@/services/notes-service';
import { createRouter } from '@/services/router';
import { request } from '@/services/rpc';
import { allNotes } from '@/storage/notes';
import { openDatabase } from '@/storage/schema';

/** What the browser says when a message reaches no listener (a stopped or stopping service worker). */
const NO_RECEIVER = 'Could not establish connection. Receiving end does not exist.';
const PORT_CLOSED = 'A listener indicated an asynchronous response by returning true, but the message channel closed before a response was received';

const note = () => ({ id: newNoteId(), target: { kind: 'entity' as const, entityId: 'kim' }, body: 'Check the date' });

describe('sending a request when the background does not answer', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    fakeBrowser.reset();
  });
  // The fake's types say it answers nothing; the real one answers what the listener returns.
  const sendMessage = () => vi.spyOn(fakeBrowser.runtime, 'sendMessage') as unknown as MockInstance<(message: unknown) => Promise<unknown>>;

  it.each([
    ['no receiver', () => Promise.reject(new Error(NO_RECEIVER))],
    ['the channel closed', () => Promise.reject(new Error(PORT_CLOSED))],
    ['an empty answer (the port closed)', () => Promise.resolve(undefined)],
  ])('sends the request again after %s', async (_, unanswered) => {
    const send = sendMessage()
      .mockImplementationOnce(unanswered)
      .mockResolvedValueOnce({ ok: true, value: { id: 'n' } });
    const payload = note();
    expect(await request('notes/add', payload)).toEqual({ id: 'n' });
    expect(send.mock.calls).toEqual([[{ type: 'notes/add', payload }], [{ type: 'notes/add', payload }]]);
  });

  it('gives up after four repeats over 7.6 s and says the background did not answer', async () => {
    vi.useFakeTimers();
    try {
      const send = sendMessage().mockRejectedValue(new Error(NO_RECEIVER));
      const answered = expect(request('notes/for-page', { url: 'https://news.example/a' })).rejects.toThrow(`Contesto's background did not answer "notes/for-page".`);
      await vi.advanceTimersByTimeAsync(7_599);
      expect(send).toHaveBeenCalledTimes(4);
      await vi.advanceTimersByTimeAsync(1);
      await answered;
      expect(send).toHaveBeenCalledTimes(5);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never repeats an error the background answered', async () => {
    const send = sendMessage().mockResolvedValue({ ok: false, error: 'Your disk is full.' });
    await expect(request('notes/add', note())).rejects.toThrow('Your disk is full.');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('never repeats a failure that is not the channel', async () => {
    const send = sendMessage().mockRejectedValue(new Error('Extension context invalidated.'));
    await expect(request('notes/add', note())).rejects.toThrow('Extension context invalidated.');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it.each(['notes/delete', 'packs/remove'] as const)('never repeats %s, whose answer is what the undo puts back', async (type) => {
    const send = sendMessage().mockRejectedValue(new Error(NO_RECEIVER));
    await expect(type === 'notes/delete' ? request(type, { id: 'n-1' }) : request(type, { packId: 'user:Mine' })).rejects.toThrow('did not answer');
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('stores a note once when the background stored it but stopped before answering', async () => {
    const db = openDatabase(`rpc-${Math.random()}`);
    const router = createRouter(createNotesService(db, { notesChanged: () => {}, selectionOf: async () => null }).handlers, Promise.resolve());
    let calls = 0;
    sendMessage().mockImplementation(async (message: unknown) => {
      const reply = await router.handle(message, { context: 'extension' });
      // The first answer is lost, as when the worker stops between the write and the reply.
      if (calls++ === 0) throw new Error(PORT_CLOSED);
      return reply;
    });
    const payload = note();
    expect(await request('notes/add', payload)).toEqual({ id: payload.id });
    expect(calls).toBe(2);
    expect((await allNotes(db)).map(({ id, body }) => ({ id, body }))).toEqual([{ id: payload.id, body: payload.body }]);
    await db.delete();
  });
});
