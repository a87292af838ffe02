// 1:36: error: case label does not reduce to an integer constant
int f(int x, int y) { switch (x) { case y: return 1; } return 0; }
