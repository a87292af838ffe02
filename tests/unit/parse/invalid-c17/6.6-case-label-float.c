// 1:29: error: case label does not reduce to an integer constant
int f(int x) { switch (x) { case 1.5: return 1; } return 0; }
