// Undo and redo for every edit of the transform list: snapshots of the document (wire form),
// with a burst of typing in one field folded into one step.

const MERGE_MS = 1000;
const LIMIT = 200;

export class History {
  constructor() {
    this.undoStack = [];
    this.redoStack = [];
    this.lastKey = null;
    this.lastAt = 0;
  }

  /**
   * Records `before` (the snapshot taken before an edit). Edits with the same `key` (a field
   * being typed in) within MERGE_MS of each other make one step.
   */
  record(before, key = null) {
    const now = performance.now();
    if (key !== null && key === this.lastKey && now - this.lastAt < MERGE_MS) {
      this.lastAt = now;
      return;
    }
    this.undoStack.push(before);
    if (this.undoStack.length > LIMIT) this.undoStack.shift();
    this.redoStack = [];
    this.lastKey = key;
    this.lastAt = now;
  }

  /** Ends a typing burst: the next edit starts a new step. */
  seal() {
    this.lastKey = null;
  }

  /** The snapshot to go back to, given the current one; null if there is none. */
  undo(current) {
    if (!this.undoStack.length) return null;
    this.redoStack.push(current);
    this.seal();
    return this.undoStack.pop();
  }

  redo(current) {
    if (!this.redoStack.length) return null;
    this.undoStack.push(current);
    this.seal();
    return this.redoStack.pop();
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }
}
