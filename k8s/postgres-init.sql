-- One database per service (contract §1); "auth" is created by the image itself.
create database rooms;
create database messages;
