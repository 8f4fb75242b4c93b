/** The files a reader gives the options page, each with the name the import reports it by (its path inside a chosen folder). */
export interface ChosenFile {
  name: string;
  file: File;
}

/** From a file input: a folder's files carry their path inside it (webkitRelativePath). */
export function filesOfInput(list: FileList | null): ChosenFile[] {
  return [...(list ?? [])].map((file) => ({ name: file.webkitRelativePath || file.name, file }));
}

/** From a drop: files as they are, folders walked to the last file. */
export async function filesOfDrop(transfer: DataTransfer): Promise<ChosenFile[]> {
  const entries = [...transfer.items].map((item) => ({ entry: item.webkitGetAsEntry?.() ?? null, file: item.getAsFile() }));
  const chosen = await Promise.all(entries.map(({ entry, file }) => (entry ? filesOfEntry(entry, '') : Promise.resolve(file ? [{ name: file.name, file }] : []))));
  return chosen.flat();
}

async function filesOfEntry(entry: FileSystemEntry, parent: string): Promise<ChosenFile[]> {
  const name = `${parent}${entry.name}`;
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [{ name, file }];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in batches (100 in Chromium) until it answers none.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    children.push(...batch);
  }
  return (await Promise.all(children.map((child) => filesOfEntry(child, `${name}/`)))).flat();
}
