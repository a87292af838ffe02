// 1:2: error: #error this is the message
#error this is the message
