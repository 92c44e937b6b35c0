/** A problem the server found, placed like a Monaco marker (1-based lines and columns). */
export interface EditorMarker {
  message: string;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
}
