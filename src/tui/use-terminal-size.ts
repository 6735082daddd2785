import { useEffect, useState } from 'react';
import { useStdout } from 'ink';

/** Terminal columns/rows, updated on resize. rows is undefined when the stream does not know it. */
export function useTerminalSize(): { columns: number; rows: number | undefined } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || undefined });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
